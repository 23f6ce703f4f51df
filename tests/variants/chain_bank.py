"""A problem in parts the follow-through, CLI and app tests share: the lessons' chain
of partials -> gradient at a point -> one step -> a second step, on numbers fixed so a
test can spell out what a learner would type."""

from __future__ import annotations

# f = 2x² + 3xy + y², from (-2, 2) with η = 0.1:
#   f_x = 4x + 3y, f_y = 3x + 2y, ∇f(-2, 2) = (-2, -2),
#   w1 = (-1.8, 2.2), ∇f(w1) = (-0.6, -1), w2 = (-1.74, 2.3).
# A learner who drops the held y in f_x (`4x`, held-variable-zero) and carries on:
#   ∇f = (-8, -2), w1 = (-1.2, 2.2), own ∇f(w1) = (-4.8, 0.8), w2 = (-0.72, 2.12).
CHAIN = r"""
- id: chain-two-steps
  level: B
  title: From the partials to a second step
  variables: [x, y]
  params:
    a: {choice: [2]}
    b: {choice: [3]}
    x0: {choice: [-2]}
    y0: {choice: [2]}
    eta: {choice: [0.1]}
  function: a*x^2 + b*x*y + y^2
  prompt: |
    Let $f(x, y) = {{f}}$. Gradient descent starts at $w_0 = ({{x0}}, {{y0}})$ with
    learning rate $\eta = {{eta}}$.
  parts:
    - name: fx
      kind: expression
      prompt: 'Find $\partial f / \partial x$.'
      answer: {partial: {wrt: x}}
      hints: [Hold $y$ fixed.]
    - name: fy
      kind: expression
      prompt: 'Find $\partial f / \partial y$.'
      answer: {partial: {wrt: y}}
      hints: [Hold $x$ fixed.]
    - name: [g1, g2]
      kind: vector
      prompt: Evaluate the gradient at $w_0$.
      answer: {value: [fx, fy]}
      at: [x0, y0]
      hints: [Put $w_0$ into your partials.]
      solution: 'Your partials were $({{fx}}, {{fy}})$.'
    - name: [u1, u2]
      kind: vector
      prompt: Take one step of gradient descent from $w_0$.
      answer: {descent: {start: [x0, y0], rate: eta, gradient: [g1, g2]}}
      hints: ['Subtract $\eta$ times the gradient.']
    - kind: vector
      prompt: Take a second step, from your $w_1$.
      answer: {descent: {start: [u1, u2], rate: eta, gradient: [fx, fy]}}
      hints: [Recompute the gradient at $w_1$.]
"""

RIGHT = ["4x + 3y", "3x + 2y", "(-2, -2)", "(-1.8, 2.2)", "(-1.74, 2.3)"]
CARRIED = ["4x", "3x + 2y", "(-8, -2)", "(-1.2, 2.2)", "(-0.72, 2.12)"]

# A shorter chain with a loss over two weights: its gradient, the update, the new loss.
LOSS = r"""
- id: chain-loss
  level: A
  variables: [w1, w2]
  params:
    p: {choice: [1]}
    q: {choice: [-2]}
    eta: {choice: [0.25]}
  function: (w1 - 3)^2 + 2*(w2 + 1)^2
  prompt: 'The loss is $L(w_1, w_2) = {{f}}$, the weights $w = ({{p}}, {{q}})$, $\eta = {{eta}}$.'
  parts:
    - name: [g1, g2]
      kind: vector
      prompt: 'Compute $\nabla L$ at $w$.'
      answer: {gradient: {at: [p, q]}}
      hints: [One partial per weight.]
    - name: [v1, v2]
      kind: vector
      prompt: Take one step of gradient descent.
      answer: {descent: {start: [p, q], rate: eta, gradient: [g1, g2]}}
      hints: [Subtract.]
      credit: 0.5
    - kind: number
      prompt: What is the loss at the new weights?
      answer: {value: f}
      at: [v1, v2]
      hints: [Put the new weights into $L$.]
"""
# ∇L(1, -2) = (-4, -4); w' = (2, -1); L(w') = 1.

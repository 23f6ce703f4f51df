"""Running the app for a class on one machine: N ``streamlit run`` replicas on one
PostgreSQL store behind Debian's haproxy (issue 14, item 4).

``deploy.haproxy`` writes the proxy's configuration for N replicas (``deploy/haproxy.cfg``
is its output for two); ``deploy.class_server`` starts the whole thing and stops it on
Ctrl+C. Neither imports the app: they only start processes and write text.
"""

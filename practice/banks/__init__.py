"""Problem banks: the YAML format (``schema``), loading with line numbers, the catalog."""

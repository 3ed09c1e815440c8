"""Evidence of a status update: attaching a file or a link (actions, forms, views)."""

"""The tracking pages: status (matrix, gaps, item, history), updates, work plan."""

"""Issue 15: the four reports, generated from live data as of a date and archived immutably."""

"""STIX 2.1: posts as STIX objects and bundles, and their audited downloads."""

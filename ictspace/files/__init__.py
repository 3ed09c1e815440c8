"""The platform's one file service: what a file is, where its bytes live, how it is served.

`kinds` sniffs content and refuses with a reason under a policy per use, `names` makes
safe download names, `uploads` stops oversized uploads, `storage` keeps private blobs by
SHA-256 on Django's storage API, `serving` answers a permission-checked download.
"""

"""The browser editor: Decap CMS (shipped in vendor/), configured from the field table that
mirrors what handbook accepts, writing through handbook's own local backend.

fields.py (what each kind of file holds) → layout.py (the site's files as the editor sees them)
→ config.py (Decap's configuration) ; saving.py (values into the file on disk, keeping its
form) → checking.py (the save checked as `handbook check` would) → backend.py (Decap's
local-backend protocol) → app.py (/admin/ in `handbook serve`, admin/ in a build).
"""

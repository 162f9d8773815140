"""Your data: download everything the portal holds about you, delete your
account, and (organisation admins) export the organisation's own content."""

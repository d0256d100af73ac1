"""Pull-request reports: validation in three formats, and what tenants will see change."""

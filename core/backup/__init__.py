"""Backup and restore of the whole portal: the database, the media directory and a manifest.

A backup directory holds `manifest.json`, the database (`database.sqlite3` made with SQLite's
online backup API, or `database.dump` from `pg_dump --format=custom`) and `media.tar`. The
manifest counts the rows of every model and lists what the apps in `BACKUP_MANIFEST_SECTIONS`
contribute (every certificate's code and PDF digest), so that a restore can prove it brought
back the same portal.
"""

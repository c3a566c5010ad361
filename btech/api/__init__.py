"""Pieces shared by every app's REST API: pagination, error translation, the schema."""

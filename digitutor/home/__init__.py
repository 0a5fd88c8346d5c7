"""The front page: the top floor, where every app's part of the person's day comes together (docs/architecture.md)."""

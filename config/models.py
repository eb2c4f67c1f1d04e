"""No models. The module exists because `migrate` sends post_migrate only to apps with a models module, and
config/apps.py makes the database cache's table on that signal."""

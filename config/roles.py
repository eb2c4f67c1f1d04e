"""Who may do what: trainees are every signed-in user; educators are members of one group."""

EDUCATORS_GROUP = "Educators"


def is_educator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDUCATORS_GROUP).exists()

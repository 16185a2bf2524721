"""Users for the guards' tests."""


def new_user(env, login, *groups):
    """A user named and logged in as ``login``, in ``groups`` (external ids
    or res.groups records) only."""
    group_ids = [env.ref(group).id if isinstance(group, str) else group.id for group in groups]
    return env["res.users"].with_context(no_reset_password=True).create({
        "name": login, "login": login, "groups_id": [(6, 0, group_ids)]})

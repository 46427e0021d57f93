"""On PostgreSQL the portal runs as a role that does not own its tables (docs/deploy.md).

Migrations run as the owner role. The runtime role may read and write every table, except the
audit log, where it may only add and read events: it cannot change, delete or TRUNCATE them, nor
disable the table's triggers (only the owner can) nor set ``session_replication_role`` (only a
superuser can).
"""

from django.db import connection

AUDIT_TABLE = "audit_auditevent"


def grant_runtime_role(role: str) -> None:
    """Give ``role`` what the running portal needs, and on the audit log only INSERT and SELECT.

    Run as the owner after every migrate (``manage.py migrate`` does it when DATABASE_RUNTIME_ROLE
    is set); tables a later migration creates get the same through the default privileges.
    """
    if connection.vendor != "postgresql":
        return
    quoted = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}"
        )
        cursor.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {quoted}")
        cursor.execute(f"REVOKE ALL ON {AUDIT_TABLE} FROM {quoted}")
        cursor.execute(f"GRANT SELECT, INSERT ON {AUDIT_TABLE} TO {quoted}")

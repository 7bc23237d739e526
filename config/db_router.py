"""Scale-out reads: with DATABASE_REPLICA_URL set, public pages and search read from a PostgreSQL
streaming replica; everything else uses the primary.

A request may read the replica when it is a GET or HEAD outside admin, or a post that only reads
(READ_ONLY_POSTS: the ask form's live similar answers), from someone with no session and no
`read_primary` cookie; such a post pins nobody to the primary. Any other request (a question
sent, an editor's publish) reads and writes the primary, and its response sets that cookie for
READ_PRIMARY_SECONDS, so the pages it leads to (the thank-you page, the Q&A just published) come
from the primary as well: nobody reads the replica's slightly older copy of what they have just
done. Editors hold a session, so they always read the primary. Management commands and tests read
the primary too.

The replica is behind by the time it takes to replay the primary's WAL (milliseconds on a healthy
link). Pages cached under the content version stay consistent: the version is read from the same
replica before the page, and PostgreSQL replays a change and its version in one transaction.
"""

from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.urls import reverse

from archive.caching import SAFE_METHODS, is_anonymous

REPLICA = "replica"
# Posts that write nothing (the question is in the body only to keep it out of URLs): read like
# a GET, and pinning no one to the primary.
READ_ONLY_POSTS = ("ask:similar",)
_reads_from_replica = ContextVar("reads_from_replica", default=False)


class PrimaryReplicaRouter:
    """Reads go to the replica while the current request may use it (ReadRoutingMiddleware);
    writes, migrations and everything outside such a request go to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's own rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReadRoutingMiddleware:
    """Decides, per request, whether its reads may come from the replica (see the module's doc)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = REPLICA in settings.DATABASES

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        token = _reads_from_replica.set(may_read_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in (*SAFE_METHODS, "OPTIONS") and not posts_to_read(request):
            response.set_cookie(
                settings.READ_PRIMARY_COOKIE_NAME,
                "1",
                max_age=settings.READ_PRIMARY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def may_read_replica(request):
    reads = request.method in SAFE_METHODS or posts_to_read(request)
    return reads and is_anonymous(request) and not request.path.startswith(reverse("admin:index"))


def posts_to_read(request):
    """A post to one of READ_ONLY_POSTS."""
    return request.method == "POST" and request.path in _read_only_paths()


@cache
def _read_only_paths():
    return {reverse(name) for name in READ_ONLY_POSTS}

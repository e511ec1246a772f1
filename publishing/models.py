import secrets

from django.db import models, transaction
from django.utils import timezone


def new_token():
    return secrets.token_hex(6)


class ContentVersion(models.Model):
    """
    One row that changes on every committed change of public content: `number` only ever
    goes up, and `changed_at` (Last-Modified) only ever moves forward, even when the clock
    does not. `token` is a random value drawn afresh when *everything* changes (a deploy,
    a restore, an import): page-cache entries carry it, so a restored backup, a
    rolled-back database or a clock set back can never bring an old token back for
    different content. A change to some of the content moves `number`, records it on the
    ContentTags it touches, and leaves `token` alone.
    """

    number = models.PositiveBigIntegerField(default=1)
    token = models.CharField(max_length=32, default=new_token)
    changed_at = models.DateTimeField(default=timezone.now)
    next_due = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When the earliest scheduled publication is due (publishing.schedule): "
            "`manage.py publishdue` publishes what is due and moves the version on."
        ),
    )

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number} ({self.token})"

    @classmethod
    def read(cls):
        row = cls.objects.filter(pk=1).only("number", "token", "changed_at", "next_due").first()
        return row if row is not None else cls.advance()

    @classmethod
    def advance(cls, at_least=0, everything=True):
        """Move to a new version (number above `at_least` too) and return it; a new
        `token` unless only some of the content changed (`everything=False`)."""
        with transaction.atomic():
            row = cls.objects.select_for_update().filter(pk=1).first()
            now = timezone.now().replace(microsecond=0)
            if row is None:
                row = cls(pk=1, number=max(1, at_least + 1), changed_at=now)
            else:
                row.number = max(row.number, at_least) + 1
                row.changed_at = max(now, row.changed_at + timezone.timedelta(seconds=1))
                if everything:
                    row.token = new_token()
            row.save()
        return row


class ContentTag(models.Model):
    """
    A part of the public content that cached pages depend on, by name: "career:12" (a
    career and its parts), "lists" (what lists of careers and comparisons show), or a
    figure derived from many rows ("careers:spread"), whose `fingerprint` tells whether it
    changed. `number`: the content version that last changed it. A page-cache entry made
    at version N stays valid while none of the tags its page showed changed after N
    (publishing.versions, publishing.pagecache).
    """

    name = models.CharField(max_length=100, unique=True)
    number = models.PositiveBigIntegerField(db_index=True)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "content tag"

    def __str__(self):
        return f"{self.name} (changed at version {self.number})"

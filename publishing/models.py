import secrets

from django.db import models, transaction
from django.utils import timezone


def new_token():
    return secrets.token_hex(6)


class ContentVersion(models.Model):
    """
    One row that changes on every committed change of public content. Page-cache entries
    and ETags carry its `token`, a random value drawn afresh at every bump: a restored
    backup, a rolled-back database or a clock set back can never bring an old token back
    for different content. `number` only ever goes up, and `changed_at` (Last-Modified)
    only ever moves forward, even when the clock does not.
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
    def advance(cls, at_least=0):
        """Move to a new version (number above `at_least` too) and return it."""
        with transaction.atomic():
            row = cls.objects.select_for_update().filter(pk=1).first()
            now = timezone.now().replace(microsecond=0)
            if row is None:
                row = cls(pk=1, number=max(1, at_least + 1), changed_at=now)
            else:
                row.number = max(row.number, at_least) + 1
                row.changed_at = max(now, row.changed_at + timezone.timedelta(seconds=1))
                row.token = new_token()
            row.save()
        return row

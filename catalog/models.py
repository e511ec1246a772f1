from django.db import models


class LoadedCatalogue(models.Model):
    """What `loadcatalog` last loaded completely: the fingerprint of its files, so that
    `loadcatalog --if-changed` (run by `make run` and `make serve`) can skip a load that
    would change nothing."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "loaded catalogue"

    def __str__(self):
        return f"{self.fingerprint[:12]} at {self.loaded_at:%Y-%m-%d %H:%M}"

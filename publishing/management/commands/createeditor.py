import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from publishing.roles import EDITOR_GROUP


class Command(BaseCommand):
    help = (
        "Create an editor account: staff, in the Editor group, no rights over people. The "
        "password is asked for, or read from DJANGO_EDITOR_PASSWORD in scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called “{username}” already exists.")
        try:
            group = Group.objects.get(name=EDITOR_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                "The Editor group is missing: run `manage.py migrate` first."
            ) from None
        password = os.environ.get("DJANGO_EDITOR_PASSWORD") or self._ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Editor “{username}” created. They can sign in at the admin.")

    def _ask_password(self):
        if not os.isatty(0):
            raise CommandError("Set DJANGO_EDITOR_PASSWORD, or run this in a terminal to type one.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first

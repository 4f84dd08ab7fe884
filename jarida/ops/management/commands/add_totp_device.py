import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = ("Give a staff account a TOTP device (an authenticator app) for the admin's "
            "two-factor sign-in (JARIDA_ADMIN_2FA): prints a QR code to scan and its URL.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="A name for the device.")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: the admin would not let them in.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        qr = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=qr, compact=True)
        self.stdout.write(qr.getvalue())
        self.stdout.write(f"Device {name!r} added for {username}. Scan the code above with the "
                          f"authenticator app, or enter this URL in it:\n{device.config_url}")

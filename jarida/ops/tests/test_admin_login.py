"""Admin sign-in: repeated failures lock the address out (django-axes), even for the right
password afterwards; with JARIDA_ADMIN_2FA staff also need the code of their TOTP device."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jarida.ops.models import AuditEvent
from jarida.ops.services import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/",
                               **extra})


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_it_signs_staff_in_with_the_right_password(client, editor):
    response = sign_in(client, "editor", "pass-editor")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert is_signed_in(client)


def test_it_refuses_the_right_password_after_too_many_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "editor", "كلمة-خاطئة")
        assert response.status_code == 200  # the form again, with its error
    response = sign_in(client, "editor", "كلمة-خاطئة")
    assert response.status_code == 429
    response = sign_in(client, "editor", "pass-editor")
    assert response.status_code == 429
    assert "أُوقف الدخول مؤقتًا" in response.content.decode()
    assert "بعد ٣٠ دقيقة" in response.content.decode()  # the site's digits
    assert not is_signed_in(client)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("user.login_failed") >= settings.AXES_FAILURE_LIMIT
    assert "user.locked_out" in actions and "user.login" not in actions


def test_it_locks_out_guessing_across_many_usernames(client, editor, writer, settings):
    # Credential stuffing tries many accounts from one address: the address is locked.
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"مستخدم-{i}", "123456")
    assert sign_in(client, "writer", "pass-writer").status_code == 429


def test_it_lets_the_address_in_again_after_the_cool_off(client, editor, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "editor", "خطأ")
        assert sign_in(client, "editor", "pass-editor").status_code == 429
        traveller.shift(timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1))
        assert sign_in(client, "editor", "pass-editor").status_code == 302


def test_it_locks_out_only_the_address_that_failed(editor, settings):
    attacker, colleague = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "editor", "خطأ")
    assert sign_in(attacker, "editor", "pass-editor").status_code == 429
    assert sign_in(colleague, "editor", "pass-editor").status_code == 302


@override_settings(JARIDA_CLIENT_IP_HEADER="X-Forwarded-For")
def test_it_reads_the_address_the_proxy_saw_not_one_the_client_made_up(editor, settings):
    # The proxy appends the address it saw; what comes before is whatever the client sent.
    def via_proxy(forged: str, real: str) -> Client:
        return Client(REMOTE_ADDR="10.0.0.2", headers={"X-Forwarded-For": f"{forged}, {real}"})

    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(via_proxy(f"192.0.2.{i}", "203.0.113.7"), "editor", "خطأ")
    assert sign_in(via_proxy("192.0.2.99", "203.0.113.7"), "editor", "pass-editor").status_code \
        == 429
    assert sign_in(via_proxy("203.0.113.7", "198.51.100.4"), "editor",
                   "pass-editor").status_code == 302


def test_it_takes_the_client_address_from_the_configured_header_only(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.JARIDA_CLIENT_IP_HEADER = ""
    assert client_ip(request) == "10.0.0.2"
    settings.JARIDA_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_ip(request) == "203.0.113.9"
    settings.JARIDA_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"  # the request.META spelling
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="junk")) is None


# Two-factor sign-in.

def totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="هاتف", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@override_settings(JARIDA_ADMIN_2FA=False)
def test_it_asks_no_code_when_two_factor_is_off(client, editor):
    totp_device(editor)
    response = sign_in(client, "editor", "pass-editor")
    assert response.status_code == 302
    assert is_signed_in(client)


@override_settings(JARIDA_ADMIN_2FA=True)
def test_it_asks_staff_for_the_code_of_their_device(client, editor):
    device = totp_device(editor)
    html = client.get(LOGIN).content.decode()
    assert 'name="otp_token"' in html and "رمز التحقق" in html
    response = sign_in(client, "editor", "pass-editor")
    assert response.status_code == 200
    assert "أدخل رمز التحقق" in response.content.decode()
    assert not is_signed_in(client)
    response = sign_in(client, "editor", "pass-editor", otp_token=current_code(device))
    assert response.status_code == 302
    assert is_signed_in(client)


@override_settings(JARIDA_ADMIN_2FA=True)
def test_it_refuses_a_wrong_code_and_records_it(client, editor):
    device = totp_device(editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, "editor", "pass-editor", otp_token=wrong)
    assert response.status_code == 200
    assert "رمز التحقق غير صحيح" in response.content.decode()
    assert not is_signed_in(client)
    assert AuditEvent.objects.filter(action="user.2fa_failed", target_id=str(editor.pk)).exists()


@override_settings(JARIDA_ADMIN_2FA=True)
def test_it_keeps_out_staff_without_a_device(client, editor):
    response = sign_in(client, "editor", "pass-editor", otp_token="123456")
    assert response.status_code == 200
    assert not is_signed_in(client)


@override_settings(JARIDA_ADMIN_2FA=True)
def test_it_treats_a_session_signed_in_without_a_code_as_no_staff(client, editor):
    # A session from before two-factor was turned on (or from a password alone).
    totp_device(editor)
    client.force_login(editor)
    response = client.get(reverse("admin:newsroom_article_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@override_settings(JARIDA_ADMIN_2FA=True)
def test_it_lets_staff_with_several_devices_choose_one(client, editor):
    device = totp_device(editor)
    StaticDevice.objects.create(user=editor, name="رموز الطوارئ", confirmed=True)
    response = sign_in(client, "editor", "pass-editor", otp_token=current_code(device))
    assert response.status_code == 200 and not is_signed_in(client)
    response = sign_in(client, "editor", "pass-editor", otp_token=current_code(device),
                       otp_device=device.persistent_id)
    assert response.status_code == 302 and is_signed_in(client)


def test_it_gives_staff_a_device_from_the_command_line(editor):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("add_totp_device", "editor", "--name", "هاتف المحرر", stdout=out)
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and device.name == "هاتف المحرر"
    assert device.config_url in out.getvalue() and "█" in out.getvalue()


def test_it_shows_the_enrolment_qr_code_to_administrators(client, admin_user, editor):
    device = totp_device(editor)
    client.force_login(admin_user)
    response = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")

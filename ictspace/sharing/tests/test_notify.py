"""E-mail to a post's readers: after the commit, label in the subject, no RED/AMBER+STRICT body."""

import pytest
from django.core import mail

from ictspace.accounts.models import Role
from ictspace.directory.models import Jurisdiction, Organisation, Person
from ictspace.sharing import actions

pytestmark = pytest.mark.django_db(transaction=True)
SECRET = "The attacker used the VPN concentrator"


def _share(cast, label, **lists):
    return actions.do_create_post(
        kind="lesson",
        title="VPN lesson",
        body=SECRET,
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        label=label,
        audience="committee",
        acting_user=cast[Role.NCPOC],
        **lists,
    )


def test_readers_get_the_label_in_the_subject_and_the_body(cast):
    post = _share(cast, "amber")
    committee = {
        cast[r].email for r in (Role.SECRETARIAT, Role.RCC_CHAIR, Role.FOCAL_POINT, Role.STEERING)
    }
    assert {m.to[0] for m in mail.outbox} == committee  # not the author, not the auditor
    message = mail.outbox[0]
    assert message.subject.startswith("[TLP:AMBER] Lesson learnt from Barbados")
    assert SECRET in message.body
    assert f"/sharing/{post.pk}/" in message.body


@pytest.mark.parametrize("label", ["amber+strict", "red"])
def test_strict_labels_send_only_a_link(cast, label):
    steering = cast[Role.STEERING]
    Person.objects.create(
        full_name="Steering", user=steering, organisation=Organisation.objects.get(code="CTU")
    )
    post = _share(
        cast,
        label,
        recipient_organisations=[Organisation.objects.get(code="CTU")],
        recipients=[steering],
    )
    # AMBER+STRICT: the committee members of CTU (the focal point and the steering member
    # filed under CTU); RED: the one named person.
    expected = {steering.email}
    if label == "amber+strict":
        expected.add(cast[Role.FOCAL_POINT].email)
    assert {m.to[0] for m in mail.outbox} == expected
    for message in mail.outbox:
        assert message.subject.startswith(f"[TLP:{label.upper()}]")
        assert SECRET not in message.body
        assert f"/sharing/{post.pk}/" in message.body


def test_nothing_is_sent_when_the_post_is_not_committed(cast):
    from django.db import transaction

    with transaction.atomic():
        _share(cast, "green")
        transaction.set_rollback(True)
    assert mail.outbox == []

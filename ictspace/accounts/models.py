"""Users and the roles that scope what they may see and do."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. The e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # The interface language chosen in the switcher, applied again at each sign-in.
    language = models.CharField(_("interface language"), max_length=8, blank=True)
    # The home page's "what changed since my last visit" starts from here.
    home_seen_at = models.DateTimeField(_("home page last seen"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self):
        return self.full_name or self.email


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat analyst")
    RCC_CHAIR = "rcc_chair", _("RCC chair")
    NCPOC = "ncpoc", _("National Cyber Point of Contact")
    FOCAL_POINT = "focal_point", _("Lead-agency focal point")
    STEERING = "steering", _("Steering Committee member")
    AUDITOR = "auditor", _("Auditor")


# The scope each role needs: a jurisdiction, an organisation, or the whole region.
ROLE_SCOPE = {
    Role.SECRETARIAT: "region",
    Role.RCC_CHAIR: "region",
    Role.NCPOC: "jurisdiction",
    Role.FOCAL_POINT: "organisation",
    Role.STEERING: "region",
    Role.AUDITOR: "region",
}


class RoleGrant(models.Model):
    """One role held by one user, with its scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "jurisdiction", "organisation"], name="unique_role_grant"
            ),
            models.CheckConstraint(
                name="role_grant_scope",
                condition=(
                    models.Q(role="ncpoc", jurisdiction__isnull=False, organisation__isnull=True)
                    | models.Q(
                        role="focal_point", organisation__isnull=False, jurisdiction__isnull=True
                    )
                    | models.Q(
                        role__in=["secretariat", "rcc_chair", "steering", "auditor"],
                        jurisdiction__isnull=True,
                        organisation__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self):
        scope = self.jurisdiction or self.organisation
        label = self.get_role_display()
        return f"{label} ({scope})" if scope else str(label)

    def clean(self):
        scope = ROLE_SCOPE[self.role]
        if scope == "jurisdiction" and not self.jurisdiction_id:
            raise ValidationError({"jurisdiction": _("This role needs a jurisdiction.")})
        if scope == "organisation" and not self.organisation_id:
            raise ValidationError({"organisation": _("This role needs an organisation.")})

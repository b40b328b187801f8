"""Admin forms of the accounts area that Wagtail lets an install replace."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form redeclares the password field without a label, so the page
    showed Django's default, the English field name; give it the translated one back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

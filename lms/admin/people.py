"""Staff screens for organizations and people, under **Organizations and people**:

- **Organizations** (Program staff edit, Finance read): search, budget band, sub-sector,
  partner status with the history of partner-support payments, contacts, members (and whose
  membership waits for confirmation), merging a duplicate record.
- **People**: search by name, email or license number; a person's page with profile,
  registrations, payments and refunds (Finance), scholarships, certificates, TA requests,
  which evaluations were answered (never the answers) and the audit history; correcting a
  printed name or license (logged, with a certificate reissue offered) and deactivating an
  account.

Registered from lms/wagtail_hooks.py. Changes go through lms.services.organizations and
lms.services.people.
"""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView
from django_filters import BooleanFilter, ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    ActionInspectView,
    ActionPostView,
    ObjectAction,
    ObjectActionsViewSet,
)
from lms.errors import DomainError
from lms.forms.demographics import OrganizationSelfReportForm
from lms.forms.text import PlainTextForm, us_state_clean
from lms.models import BudgetBand, Facilitator, Organization, Profile, SelfReportProposal
from lms.money import DollarsField
from lms.services.demographics import self_report_proposal_decide
from lms.services.organizations import (
    contact_add,
    members_confirm_all,
    membership_confirm,
    organization_merge,
    partner_support_record,
)
from lms.services.people import person_deactivate, person_invite, profile_correct

EDIT_ORGANIZATIONS = "lms.change_organization"
RECORD_SUPPORT = "lms.add_partnersupportpayment"
CORRECT_PEOPLE = "lms.change_profile"


# --- Organizations -------------------------------------------------------------------------------
class OrganizationFilterSet(WagtailFilterSet):
    budget_band = ChoiceFilter(choices=BudgetBand.choices, label="Annual budget")
    sub_sector = ChoiceFilter(choices=Organization.SubSector.choices)
    is_coalition_partner = BooleanFilter(label="Coalition partner")
    waiting = BooleanFilter(label="Members waiting for confirmation", method="filter_waiting")

    class Meta:
        model = Organization
        fields = ["budget_band", "sub_sector", "is_coalition_partner"]

    def filter_waiting(self, queryset, name, value):
        if value:
            return queryset.filter(
                members__organization_confirmed_on=None, members__isnull=False
            ).distinct()
        return queryset


class PartnerSupportForm(forms.Form):
    paid_on = forms.DateField(label="Date paid", widget=forms.DateInput(attrs={"type": "date"}))
    amount_cents = DollarsField(label="Amount (dollars)", required=False)
    note = forms.CharField(label="Note", max_length=200, required=False)


class PartnerSupportView(ActionFormView):
    permission_required = RECORD_SUPPORT
    model = Organization
    page_title = "Record partner support"
    submit_button_label = "Record payment"
    form_class = PartnerSupportForm
    success_message = "Partner support recorded for {object.name}."
    success_url_name = "lms_organizations:inspect"

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def get_summary(self):
        last = self.object.partner_support_paid_on
        return [f"Last paid: {last:%B %-d, %Y}." if last else "No partner support recorded yet."]

    def perform(self, form):
        return partner_support_record(
            organization=self.object, by=self.request.user, **form.cleaned_data
        )


class ContactAddForm(forms.Form):
    email = forms.EmailField(label="The contact's email address")
    role = forms.CharField(label="Role", max_length=100, required=False)

    def clean_email(self):
        from lms.models import User

        person = User.objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if person is None:
            raise forms.ValidationError(
                "No account has this email address: the person signs up first."
            )
        self.cleaned_data["person"] = person
        return self.cleaned_data["email"]


class ContactAddView(ActionFormView):
    permission_required = "lms.add_organizationcontact"
    model = Organization
    page_title = "Add a contact"
    submit_button_label = "Add contact"
    form_class = ContactAddForm
    success_message = "Contact added to {object.name}."
    success_url_name = "lms_organizations:inspect"

    def get_summary(self):
        return [
            "A contact may change what the organization reports (budget, leadership, "
            "populations served) and confirm that people work there."
        ]

    def perform(self, form):
        data = form.cleaned_data
        return contact_add(
            organization=self.object, person=data["person"], role=data["role"], by=self.request.user
        )


class ConfirmMembersView(ActionFormView):
    permission_required = EDIT_ORGANIZATIONS
    model = Organization
    page_title = "Confirm members"
    submit_button_label = "Confirm them all"
    form_class = forms.Form
    success_message = "{result} members of {object.name} confirmed."
    success_url_name = "lms_organizations:inspect"

    def get_summary(self):
        waiting = self.object.members.filter(organization_confirmed_on=None)
        names = ", ".join(f"{p} ({p.user.email})" for p in waiting.select_related("user"))
        return [
            "Once confirmed, these people get the organization's price tier and, while its "
            "partner support is current, the partner discount.",
            f"Waiting: {names}." if names else "Nobody is waiting.",
        ]

    def perform(self, form):
        return members_confirm_all(organization=self.object, by=self.request.user)


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        Organization.objects.none(),
        label="The duplicate record to merge into this one",
        help_text="Its members, group registrations, invoices, contacts and partner-support "
        "history move here; then it is deleted. This cannot be undone.",
    )
    confirm = forms.BooleanField(label="I checked that both records are the same organization")

    def __init__(self, *args, keep, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Organization.objects.exclude(pk=keep.pk)


class MergeView(ActionFormView):
    permission_required = EDIT_ORGANIZATIONS
    model = Organization
    page_title = "Merge a duplicate organization"
    submit_button_label = "Merge"
    form_class = MergeForm
    success_url_name = "lms_organizations:inspect"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "keep": self.object}

    def get_summary(self):
        return [f"{self.object.name} stays; the record you choose below goes into it."]

    def get_success_message(self, result):
        moved = ", ".join(f"{count} {name}" for name, count in result.items() if count)
        return f"Merged into {self.object.name}" + (f": moved {moved}." if moved else ".")

    def perform(self, form):
        return organization_merge(
            keep=self.object, duplicate=form.cleaned_data["duplicate"], by=self.request.user
        )


def proposal_lines(answers: dict) -> list[tuple[str, str]]:
    """The proposed answers as the form words them: (question, answer) for people."""
    form = OrganizationSelfReportForm()
    lines = []
    for name, value in answers.items():
        field = form.fields.get(name)
        if field is None:
            continue
        choices = dict(getattr(field, "choices", ()))
        values = value if isinstance(value, list) else [value]
        text = ", ".join(str(choices.get(v, v)) for v in values if v) or "Not answered"
        lines.append((str(field.label), text))
    return lines


class ProposalDecideView(ActionPostView):
    """Apply or dismiss a member's proposed change to the self-report (buttons on the
    organization's page)."""

    permission_required = EDIT_ORGANIZATIONS
    model = SelfReportProposal
    apply = True

    def get_back_url(self):
        return reverse("lms_organizations:inspect", args=[self.object.organization_id])

    def get_success_message(self, result):
        return "Applied." if self.apply else "Dismissed."

    def perform(self, form):
        return self_report_proposal_decide(
            proposal=self.object, apply=self.apply, by=self.request.user
        )


class ProposalDismissView(ProposalDecideView):
    apply = False


class OrganizationInspectView(ActionInspectView):
    template_name = "lms/admin/organization_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        context.update(
            members=organization.members.select_related("user").order_by("printed_name"),
            contacts=organization.contacts.select_related("person"),
            support=organization.partner_support_payments.select_related("recorded_by"),
            history=ModelLogEntry.objects.for_instance(organization).select_related("user")[:50],
            proposals=[
                (proposal, proposal_lines(proposal.answers))
                for proposal in organization.self_report_proposals.filter(
                    status=SelfReportProposal.Status.WAITING
                ).select_related("proposed_by")
            ],
            people_url=reverse("lms_people:index"),
        )
        return context


class OrganizationIndexView(ActionIndexView):
    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # A row opens the organization's page (members, contacts, support, history, every
        # action); Edit is a button there and in the row's menu.
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = lambda o: self.get_inspect_url(o) or self.get_edit_url(o)
        return column


class OrganizationViewSet(ObjectActionsViewSet):
    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("proposals/<int:pk>/apply/", ProposalDecideView.as_view(), name="proposal_apply"),
            path(
                "proposals/<int:pk>/dismiss/",
                ProposalDismissView.as_view(),
                name="proposal_dismiss",
            ),
        ]

    model = Organization
    icon = "group"
    menu_label = "Organizations"
    name = "lms_organizations"
    url_prefix = "organizations"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OrganizationIndexView
    inspect_view_class = OrganizationInspectView
    inspect_view_fields = [
        "name",
        "city",
        "budget_band",
        "sub_sector",
        "is_coalition_partner",
        "partner_support_paid_on",
        "email_domains",
    ]
    filterset_class = OrganizationFilterSet
    search_fields = ["name", "city", "email_domains"]
    search_backend_name = None  # the database's own icontains: always current, no index
    form_fields = [
        "name",
        "budget_band",
        "sub_sector",
        "city",
        "email_domains",
        "is_coalition_partner",
    ]
    list_display = [
        "name",
        "budget_band",
        "sub_sector",
        "city",
        BooleanColumn("is_coalition_partner", label="Partner"),
        Column("partner_support_paid_on", label="Partner support last paid"),
    ]
    list_export = [
        "name",
        "get_budget_band_display",
        "get_sub_sector_display",
        "city",
        "is_coalition_partner",
        "partner_support_paid_on",
    ]
    export_filename = "organizations"
    object_actions = [
        ObjectAction(
            "Record partner support",
            "lms_organizations:support",
            PartnerSupportView,
            icon_name="success",
            priority=10,
        ),
        ObjectAction(
            "Add a contact",
            "lms_organizations:contact",
            ContactAddView,
            icon_name="user",
            priority=20,
        ),
        ObjectAction(
            "Confirm members",
            "lms_organizations:confirm",
            ConfirmMembersView,
            allowed=lambda o: o.members.filter(organization_confirmed_on=None).exists(),
            icon_name="tick",
            priority=30,
        ),
        ObjectAction(
            "Merge a duplicate",
            "lms_organizations:merge",
            MergeView,
            icon_name="resubmit",
            priority=60,
        ),
    ]


# --- People -------------------------------------------------------------------------------------
class ProfileCorrectForm(PlainTextForm, forms.ModelForm):
    reason = forms.CharField(label="Why (logged)", max_length=300)

    class Meta:
        model = Profile
        fields = ["printed_name", "license_type", "license_number", "license_state"]

    def clean_license_state(self):
        value = self.cleaned_data.get("license_state", "").strip()
        return us_state_clean(value) if value else ""


class PersonActionView(ActionFormView):
    """An action on one person's page (a Profile): back to that page when done."""

    permission_required = CORRECT_PEOPLE
    model = Profile
    queryset = Profile.objects.select_related("user", "organization")
    success_url_name = "lms_people:inspect"


class ProfileCorrectView(PersonActionView):
    page_title = "Correct a name or license"
    submit_button_label = "Save the correction"
    form_class = ProfileCorrectForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Profile.objects.get(pk=self.object.pk)}

    def get_summary(self):
        return [
            "The change is logged. Certificates already issued keep the old name until they "
            "are reissued: the person's page lists them with a Reissue button."
        ]

    def get_success_message(self, result):
        if result:
            return (
                f"Saved. {len(result)} certificate(s) carry the old details: reissue them from "
                "the person's page."
            )
        return "Saved."

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        return profile_correct(
            profile=self.object, changes=data, reason=reason, by=self.request.user
        )


class DeactivateForm(forms.Form):
    reason = forms.CharField(label="Why (logged)", max_length=300)


class DeactivateView(PersonActionView):
    page_title = "Deactivate an account"
    submit_button_label = "Deactivate"
    form_class = DeactivateForm
    success_message = "{object} can no longer sign in."

    def get_summary(self):
        return [
            "The person can no longer sign in. Their registrations, payments and certificates "
            "stay; certificates stay verifiable. To remove personal data, use an erasure request."
        ]

    def perform(self, form):
        return person_deactivate(
            person=self.object.user, reason=form.cleaned_data["reason"], by=self.request.user
        )


class ConfirmMembershipView(PersonActionView):
    permission_required = EDIT_ORGANIZATIONS
    page_title = "Confirm membership"
    submit_button_label = "Confirm"
    form_class = forms.Form
    success_message = "{object} is a confirmed member of {object.organization}."

    def get_summary(self):
        return [f"{self.object} ({self.object.user.email}) works at {self.object.organization}."]

    def perform(self, form):
        return membership_confirm(profile=self.object, by=self.request.user)


class InviteForm(PlainTextForm, forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address")
    facilitator = forms.ModelChoiceField(
        Facilitator.objects.filter(user=None).order_by("name"),
        required=False,
        label="A facilitator without an account (optional)",
        help_text="The account is linked to this facilitator: they see their sessions and pay.",
    )
    organization = forms.ModelChoiceField(
        Organization.objects.order_by("name"),
        required=False,
        label="Their organization (optional)",
        help_text="For a group attendee. They still need a confirmed membership for its prices.",
    )


class InviteView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Staff create an account for a facilitator or a group attendee; the person gets an email
    with a link to choose their password."""

    permission_required = CORRECT_PEOPLE
    raise_exception = True
    template_name = "lms/admin/action_form.html"
    page_title = "Invite a person"
    header_icon = "user"
    form_class = InviteForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": self.request.get_full_path(),
            "submit_button_label": "Create the account and email the link",
            "submit_button_active_label": "Sending…",
            "summary": [
                "The person gets an email with a link to choose their password. Nobody can "
                "sign in to the account until then."
            ],
        }

    def form_valid(self, form):
        try:
            person = person_invite(by=self.request.user, **form.cleaned_data)
        except DomainError as error:
            for line in error.lines:
                form.add_error(None, line)
            return self.form_invalid(form)
        messages.success(self.request, f"Account created; the invitation went to {person.email}.")
        return redirect("lms_people:inspect", person.profile.pk)


class PersonIndexView(ActionIndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(CORRECT_PEOPLE):
            buttons.append(
                HeaderButton("Invite a person", url=reverse("lms_people:invite"), icon_name="mail")
            )
        return buttons

    def search_queryset(self, queryset):
        # Name, email or license number, in any of the fields a person could be found by.
        if not self.search_query:
            return queryset
        terms = self.search_query.split()
        for term in terms:
            queryset = queryset.filter(
                Q(printed_name__icontains=term)
                | Q(user__first_name__icontains=term)
                | Q(user__last_name__icontains=term)
                | Q(user__email__icontains=term)
                | Q(license_number__icontains=term)
            )
        return queryset


class PersonInspectView(ActionInspectView):
    template_name = "lms/admin/person_inspect.html"

    def get_context_data(self, **kwargs):
        from lms.selectors.people import person_record

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["record"] = person_record(
            profile=self.object,
            with_money=user.has_perm("lms.view_finance_reports"),  # Finance sees money
        )
        return context


class PeopleReadOnlyPolicy(ModelPermissionPolicy):
    """Profiles are seen here, never edited by Wagtail's form: each change is an action
    (correct, confirm, deactivate) that says why and is logged."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PersonViewSet(ObjectActionsViewSet):
    model = Profile
    icon = "user"
    menu_label = "People"
    name = "lms_people"
    url_prefix = "people"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = []  # the page lays the person out itself
    index_view_class = PersonIndexView
    inspect_view_class = PersonInspectView
    search_fields = ["printed_name"]  # widened by PersonIndexView.search_queryset
    search_backend_name = None
    form_fields = ["printed_name"]
    list_filter = ["license_type", "organization"]
    list_display = [
        Column("printed_name", label="Name"),
        Column("email", label="Email", accessor="user.email"),
        Column("organization", label="Organization", accessor="organization"),
        "license_type",
        Column("license_number", label="License number"),
    ]
    list_export = [
        "printed_name",
        "user.email",
        "organization.name",
        "license_type",
        "license_number",
    ]
    export_filename = "people"
    object_actions = [
        ObjectAction(
            "Correct name or license",
            "lms_people:correct",
            ProfileCorrectView,
            icon_name="edit",
            priority=10,
        ),
        ObjectAction(
            "Confirm membership",
            "lms_people:confirm",
            ConfirmMembershipView,
            allowed=lambda p: bool(p.organization_id and not p.organization_confirmed_on),
            icon_name="tick",
            priority=20,
        ),
        ObjectAction(
            "Deactivate",
            "lms_people:deactivate",
            DeactivateView,
            allowed=lambda p: p.user.is_active,
            icon_name="cross",
            priority=60,
        ),
    ]

    @property
    def permission_policy(self):
        return PeopleReadOnlyPolicy(self.model)

    def get_queryset(self, request):
        return Profile.objects.select_related("user", "organization").order_by("printed_name")

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("invite/", InviteView.as_view(), name="invite")]


class OrganizationsAndPeopleGroup(ViewSetGroup):
    menu_label = "Organizations and people"
    menu_icon = "group"
    menu_order = 210
    items = (OrganizationViewSet, PersonViewSet)

"""Referrals (verwijzingen) in the plan: the kaart's organisations, an action's referral fields,
and the open referrals with how long they wait (and a button to put one on the ecogram).

An action is a referral when it names an organisation of the team's
sociale kaart (``Action.referral_org``); its status and dates are checked by
:func:`mapping.services.plan.validate_action`, and a status change is dated
by :func:`mapping.services.plan.with_referral_dates`.
"""

from __future__ import annotations

import streamlit as st

from mapping.core.errors import CasemapError
from mapping.core.model import Action, Entity, new_id
from mapping.core.vocabulary import EntityKind, ReferralStatus, SystemKind, label
from mapping.services import sociale_kaart
from mapping.services.plan import actor_name, open_referrals, waiting_text
from views import state
from views.forms.blanks import given
from views.forms.display import show_table
from views.i18n import _
from views.panels.plan_case import PlanCase
from views.shell import md_escape

#: The referral fields of a new action: not a referral (no organisation, no status, no dates).
REFERRAL_BLANKS = {"referral_org": "", "referral_status": "", "referred_on": "", "status_on": ""}


def kaart() -> dict[str, sociale_kaart.Organisation]:
    """The team's sociale kaart by id, removed organisations included (a case may link to one).

    Empty when the kaart cannot be read: the plan still works, without referrals to pick.
    """
    try:
        return {o.id: o for o in sociale_kaart.organisations(state.store(), include_removed=True)}
    except CasemapError:
        return {}


def org_text(org: sociale_kaart.Organisation | None, lang: str) -> str:
    """An organisation as a choice: 'Schuldhulp Stad (schuldhulpverlening)'."""
    if org is None:
        return _("onbekende organisatie")
    text = f"{org.name} ({org.kind_label(lang)})"
    return text + (" – " + _("niet meer op de sociale kaart") if org.removed else "")


def referral_fields(
    plan: PlanCase, key: str, action: Action | None, orgs: dict[str, sociale_kaart.Organisation]
) -> dict[str, str]:
    """An action's referral, inside its form: the organisation, the status and two dates.

    Offered: the organisations on the kaart, and the one the action already
    refers to (also when it has been removed since). Returns the fields as
    typed, for :class:`~mapping.core.model.Action`.
    """
    fresh = action is None
    lang = plan.lang
    current = action.referral_org if action else ""
    choices = [""] + [o for o, org in orgs.items() if not org.removed or o == current]
    if current and current not in choices:
        choices.append(current)
    statuses = [""] + [s.value for s in ReferralStatus]
    st.markdown("**" + _("Verwijzing (optioneel)") + "**")
    left, right = st.columns([3, 2])
    org = left.selectbox(
        _("Verwijzen naar (sociale kaart)"),
        choices,
        format_func=lambda o: org_text(orgs.get(o), lang) if o else "—",
        help=_("Typ om te zoeken. De organisaties komen van de pagina Sociale kaart."),
        key=f"{key}_referral_org",
        **given(fresh, index=choices.index(current)),
    )
    status = right.selectbox(
        _("Status van de verwijzing"),
        statuses,
        format_func=lambda s: label(ReferralStatus(s), lang) if s else "—",
        help=_("Zonder status is een nieuwe verwijzing 'aangemeld'."),
        key=f"{key}_referral_status",
        **given(fresh, index=statuses.index(action.referral_status if action else "")),
    )
    left, right = st.columns(2)
    referred_on = left.text_input(
        _("Aangemeld op"),
        placeholder=_("JJJJ-MM-DD, leeg: vandaag"),
        key=f"{key}_referred_on",
        **given(fresh, value=action.referred_on if action else ""),
    )
    status_on = right.text_input(
        _("Status sinds"),
        placeholder=_("JJJJ-MM-DD, leeg: bij een nieuwe status vandaag"),
        key=f"{key}_status_on",
        **given(fresh, value=action.status_on if action else ""),
    )
    return {
        "referral_org": org or "",
        "referral_status": status or (ReferralStatus.REGISTERED.value if org else ""),
        "referred_on": referred_on.strip(),
        "status_on": status_on.strip(),
    }


def system_for(org: sociale_kaart.Organisation) -> Entity:
    """A new system of the case for ``org``, linked to the kaart (its name and kind)."""
    try:
        kind = SystemKind(org.kind)
    except ValueError:
        kind = SystemKind.OTHER
    return Entity(
        id=new_id(),
        name=org.name,
        kind=EntityKind.SYSTEM,
        system_kind=kind,
        role=org.name,
        kaart_id=org.id,
    )


def referrals_panel(plan: PlanCase) -> None:
    """The open referrals (aangemeld, wachtlijst, intake gepland), longest waiting first.

    A referral to an organisation that is no system of the case yet offers
    to put it on the ecogram (linked by ``kaart_id``), where the referral is
    then drawn as a dashed line.
    """
    data, lang = plan.data, plan.lang
    orgs = kaart()
    names = {o: org.name for o, org in orgs.items()}
    waiting = open_referrals(data, names, lang=lang)
    if not waiting:
        return
    st.subheader(_("Open verwijzingen"))
    gone = " – " + _("niet meer op de sociale kaart")
    show_table(
        [
            {
                _("Organisatie"): r.name
                + (gone if r.org_id not in orgs or orgs[r.org_id].removed else ""),
                _("Status"): label(r.status, lang),
                _("Aangemeld op"): r.action.referred_on or "—",
                _("Wacht al"): waiting_text(r.days, lang),
                _("Actie"): f"{actor_name(data, r.action, lang)}: {r.action.what}",
            }
            for r in waiting
        ]
    )
    linked = {e.kaart_id for e in data.entities if e.kaart_id}
    missing = {r.org_id for r in waiting if r.org_id not in linked and r.org_id in orgs}
    for org_id in sorted(missing, key=lambda o: orgs[o].name.casefold()):
        org = orgs[org_id]
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.caption(
            _("{name} staat nog niet op het ecogram van deze casus.").format(
                name=md_escape(org.name)
            )
        )
        if right.button(_("Op het ecogram zetten"), key=f"plan_referral_system_{org_id}"):
            plan.save(
                [system_for(org)],
                _("'{name}' staat nu op het ecogram, gekoppeld aan de sociale kaart.").format(
                    name=org.name
                ),
            )

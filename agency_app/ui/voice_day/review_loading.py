"""What the voice-day page reads in one query, off the UI thread: the review and everything shown around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from agency_app.domain import voice_day as D
from agency_app.storage.services import Services
from agency_app.storage.voice_days import Review


@dataclass(frozen=True)
class ReviewRequest:
    """The top of the page: a team and meeting day (the day's meeting if started, else a preview over the
    range — None for the team's default range), or one meeting chosen by uid. `office`: the 拠点 chosen (a branch
    code; "" this database's own); a meeting chosen is its own office's."""

    team: str
    held_on: date
    today: date
    range_from: date | None = None
    range_to: date | None = None
    meeting_uid: str | None = None
    office: str = ""


@dataclass
class Loaded:
    request: ReviewRequest
    teams: list[str]
    review: Review
    last_closed: dict | None
    meetings: list[dict]
    improvement_titles: dict[str, str]
    staff: list = field(default_factory=list)      # the active staff (masters.Staff), for pickers
    names: dict[str, str] = field(default_factory=dict)  # every staff member's name by uid
    home: str = ""  # this database's own office: another office's voice day is only read here

    @property
    def meeting(self) -> dict | None:
        return self.review.meeting

    @property
    def office(self) -> str:
        return self.review.office

    @property
    def read_only(self) -> bool:
        """Another office's voice day (imported at head office): that office holds it; here it is only read."""
        return bool(self.home) and self.office != self.home


def load_review(services: Services, request: ReviewRequest) -> Loaded:
    """Read the review the request asks for (a refused range raises ValidationFailed, said at the top)."""
    days = services.voice_days
    office = request.office or None
    meeting = days.get(request.meeting_uid) if request.meeting_uid else \
        (days.find(request.team, request.held_on, office) if request.team else None)
    if meeting is not None:
        review = days.meeting_review(meeting["uid"], today=request.today)
        if meeting["status"] == D.MEETING_CLOSED:  # what it went through: not a voice entered after it closed
            review.voices = [voice for voice in review.voices if voice["decision"]]
        team, held_on = meeting["team"], date.fromisoformat(meeting["held_on"])
    else:
        team, held_on = request.team, request.held_on
        default_from, default_to = days.default_range(team, held_on, office)
        range_from, range_to = request.range_from or default_from, request.range_to or default_to
        D.check_range(range_from, range_to, held_on)
        review = days.review(team, range_from, range_to, today=request.today, office=office)
    titles = {row["uid"]: row["title"] for row in services.improvements.listed(limit=1000)}
    office = review.office  # the meeting's, when one was chosen
    return Loaded(request=request, teams=days.teams(office), review=review,
                  last_closed=days.last_closed(team, before=held_on, office=office),
                  meetings=days.meetings(team, branch_code=office), improvement_titles=titles,
                  staff=services.masters.staff(), names=services.staff_names(), home=services.store.home_branch)

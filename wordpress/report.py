"""What an import did, kind by kind, and what an editor or operator must look at."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

OUTCOMES = ("created", "updated", "skipped", "failed")


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    #: (kind, label, reason) of each failure, and of each skip that has a reason.
    failures: list = field(default_factory=list)
    skips: list = field(default_factory=list)
    #: Articles kept out of publication, with why.
    flagged: list = field(default_factory=list)
    uncredited_images: list = field(default_factory=list)
    unknown_blocks: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    notes: list = field(default_factory=list)
    fatal: str = ""

    def record(self, kind, outcome, label="", reason=""):
        self.counts[kind][outcome] += 1
        if outcome == "failed":
            self.failures.append((kind, label, reason))
        elif outcome == "skipped" and reason:
            self.skips.append((kind, label, reason))

    @property
    def failed(self):
        return bool(self.fatal) or any(c["failed"] for c in self.counts.values())

    def lines(self):
        """The report as lines of text, for the terminal."""
        lines = ["", _("Import report")]
        width = max([len(kind) for kind in self.counts] or [4])
        titles = {
            "created": pgettext("import outcome", "created"),
            "updated": pgettext("import outcome", "updated"),
            "skipped": pgettext("import outcome", "skipped"),
            "failed": pgettext("import outcome", "failed"),
        }
        lines.append(f"  {'':{width}}  " + "  ".join(f"{titles[o]:>8}" for o in OUTCOMES))
        for kind, counts in self.counts.items():
            lines.append(f"  {kind:{width}}  " + "  ".join(f"{counts[o]:>8}" for o in OUTCOMES))
        if self.fatal:
            lines += ["", _("Stopped reading the export: %(reason)s") % {"reason": self.fatal}]
        for title, entries in ((_("Failed"), self.failures), (_("Skipped"), self.skips)):
            if entries:
                lines += ["", f"{title}:"]
                lines += [f"  {kind} {label}: {reason}" for kind, label, reason in entries]
        if self.flagged:
            lines += ["", _("Kept in review instead of published (fix, then publish):")]
            lines += [f"  {label}: {reason}" for label, reason in self.flagged]
        if self.uncredited_images:
            lines += ["", _("Images without a credit (add it in the media library):")]
            lines += [f"  {label}" for label in self.uncredited_images]
        for title, counter in (
            (_("Blocks with no equivalent (their content is kept)"), self.unknown_blocks),
            (_("Shortcodes left as typed in the text"), self.unknown_shortcodes),
        ):
            if counter:
                lines += ["", f"{title}:"]
                lines += [f"  {name}: {count}" for name, count in counter.most_common()]
        if self.notes:
            lines += ["", _("Notes:")] + [f"  {note}" for note in self.notes]
        return lines

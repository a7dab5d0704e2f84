"""Where a nominee's fate is settled, for the apps above that follow it (issue 15.3).

The wartime backlog claims (`claims`, issue 19) end when their nominee is awarded and go back
to "verified" when it will not be: the claims app sits above proposals and decisions in the
layering, so it hands its two functions over when it starts (`ClaimsConfig.ready`), as the
audit app hands its writer to `core.trail`. They are still called explicitly, in the
transaction of the change, from the three places a nominee's fate is settled:

* `decisions.domain.issuing`, when an award decision writes the ledger (`decided`);
* `proposals.domain.states.set_proposal_state`, on rejection or withdrawal (`released`);
* `proposals.domain.nominees.drop_nominee` (`released`).

Until the claims app has installed them a settlement refuses to run, rather than leave a claim
"proposed" for ever."""

from django.core.exceptions import ImproperlyConfigured

_followers: dict = {}


def install(*, released, decided) -> None:
    """`released(actor, nominees, reason)`: the nominees will not be awarded through their
    proposal. `decided(actor, decision, awarded, decision_label)`: an award decision was
    issued; `awarded` are its nominees."""
    _followers.update(released=released, decided=decided)


def _follower(name: str):
    if name not in _followers:
        raise ImproperlyConfigured("proposals.settlement: the claims app did not install its "
                                   "followers")
    return _followers[name]


def released(actor, nominees, reason: str) -> None:
    """The `nominees` will not be awarded through their proposal."""
    _follower("released")(actor, nominees, reason)


def decided(actor, decision, awarded, decision_label: str) -> None:
    """`decision` awarded `awarded` (nominees); its proposals' other nominees were not."""
    _follower("decided")(actor, decision, awarded, decision_label)

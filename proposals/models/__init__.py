from .appraisal import AppraisalFinding
from .consultation import Consultation, PublicComment
from .council import Ballot, CouncilMember, CouncilSession, VoteReceipt
from .dossier import DossierDocument
from .parameters import ProcedureParameter
from .proposal import AppraisalAssignment, Nominee, NomineeInitiative, Proposal
from .totals import ProposalTotal

__all__ = ["AppraisalAssignment", "AppraisalFinding", "Ballot", "Consultation", "CouncilMember",
           "CouncilSession", "DossierDocument", "Nominee", "NomineeInitiative",
           "ProcedureParameter", "Proposal", "ProposalTotal", "PublicComment", "VoteReceipt"]

"""Travel reimbursement claims (matkalasku): models, the rules of the official rates, services and pages."""

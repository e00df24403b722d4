"""CE approvals, credit rules and certificates (see the certificates issue)."""

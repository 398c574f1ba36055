"""Policies the tests run with."""

# Masks phone numbers but keeps their last 20 characters, which is all of them (a policy mistake an engineer could
# make): every phone number leaves the anonymiser intact and the re-scan finds it.
TOO_WEAK_POLICY = """\
version: 1
default: redact
entities:
  PERSON: pseudonymise
  PHONE_NUMBER: {operator: mask, keep_last: 20}
  EMAIL_ADDRESS: pseudonymise
  UK_NHS: pseudonymise
  DATE_OF_BIRTH: {operator: generalise_date, to: year}
"""

"""Writes that carry a rule. Views and forms call these; they hold no rules of their own."""

"""No one left alone: unanswered threads, greeters, continuations and milestones."""

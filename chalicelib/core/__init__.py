"""The ground floor: settings, time, logs, errors, signing and text helpers; imports nothing else of Lantern."""

"""New-event webhooks: subscriptions, a transactional-outbox relay, signed at-least-once delivery."""

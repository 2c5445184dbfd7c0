"""New-event webhooks: subscriptions, a transactional-outbox relay, signed at-least-once delivery.

How a message travels (every arrow survives a crash of any process):

    store txn: events + event_changes row (same transaction; services/store/change_feed.py record_changes)
      -> relay (relay.py; Celery `annals.webhooks.relay`, kicked after each stored article and run by beat):
         under the relay cursor's row lock (SKIP LOCKED), reads changes past the cursor, makes one message per
         matching subscription (unique per endpoint and change) and moves the cursor, in one transaction
      -> dispatch (dispatch.py; `annals.webhooks.dispatch`, after a relay step, after each delivery, and by
         beat): leases due messages per endpoint with FOR UPDATE SKIP LOCKED, at most N in flight per endpoint
      -> deliver (`annals.webhooks.deliver`, one task per endpoint batch): signs (signing.py, Standard Webhooks)
         and sends on the worker's asyncio sender (sender.py) through the address guard (guard.py), records
         attempts and the retry schedule (schedule.py)

Subscriptions name actors; names are stored and resolved through aliases, like the timeline, each time
changes are relayed, so a subscription may precede the actor's first article (`actor_matches` shows what
each name currently resolves to). Management is in routes.py/service.py, behind a write key.
"""

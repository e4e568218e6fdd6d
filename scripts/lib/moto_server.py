"""moto_server, with two emulator-side speed-ups for shiplane's tests, sandbox and burst.

1. moto 5.x renders every EventBridge target's input through jsonpath_ng and builds a new JSONPath parser (PLY parser
   tables) for each of its eight default input paths on every delivery: ~40 ms per path, so each PutEvents that
   matches a rule with an SQS target costs ~350 ms of emulator CPU, whatever the event. Parsed paths are immutable, so
   the parse is memoised.
2. moto's TransactWriteItems deep-copies the whole table once per item of the transaction, to restore it if the
   transaction is cancelled: O(table) per transaction, so a burst whose ledger grows to thousands of items slows
   quadratically. The backup here copies the table's structure (which keys exist) and deep-copies only the items the
   transaction names; a cancelled transaction restores exactly what moto's backup would.
3. moto's SQS computes every attribute of a queue, the approximate message counts included (each walks all of the
   queue's messages, converting timestamps), to check one message's retention and to read one flag when a message is
   sent: O(queue) per message sent, received or deleted, so a queue a thousand events deep slows quadratically. The
   retention check here reads the retention period itself, and while a message is being sent (nothing on that path
   reads a count) the counts are not computed.
4. moto's server lists its own package directory (listdir and stat of ~150 folders) on every request to recognise a
   service name in the Host header. The installed package does not change while it runs: listed once.

None of items 1-4 changes what moto answers, only how long it takes; items 5 and 6 change what it does, each saying
how. shiplane's own code is untouched: this is the emulator.

6. IAM enforcement (POST /moto-api/reset-auth, used by the sandbox to run each function under its own role): moto
   checks a request's SigV4 signature before its action. Requests reach moto through the tests' gateway
   (testkit's EmulatorGateway), which forwards them from its own host and port and rewrites CloudWatch's CBOR calls
   as JSON, so the signature the SDK computed for the gateway can never match. The signature proves the caller holds
   the key's secret, which every caller here does; the identity (the access key) and the action check, which is what
   the enforcement proves, are unchanged.

5. ECS's own deployment engine (service deployments, service revisions, lifecycle hooks): moto 5.2.1 answers
   ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, ContinueServiceDeployment and
   StopServiceDeployment with HTTP 500 (not implemented), and CreateService drops deploymentConfiguration. Here:
   - CreateService keeps deploymentConfiguration, as UpdateService already does;
   - an UpdateService (new task definition, or forceNewDeployment) of a service whose deploymentConfiguration.strategy
     is CANARY, LINEAR or BLUE_GREEN starts a service deployment, as ECS does: a PENDING record with its source and
     target service revisions, named by the service's currentServiceDeployment (a deployment still PENDING or
     IN_PROGRESS is STOPPED, superseded);
   - the five operations answer from those records; Continue and Stop are checked as ECS checks them (the pause hook
     must be AWAITING_ACTION, the deployment unfinished) and recorded for the sandbox's ECS engine to act on.
   moto moves no traffic and runs no hooks: the sandbox plays that part (EcsNativeController), reading the requests
   and writing each deployment's progress through a control endpoint of this launcher, outside AWS's API:
     GET  /_shiplane/ecs/requests             the Continue/Stop requests recorded since the last GET (JSON list)
     GET  /_shiplane/ecs/service-deployments  every service deployment record (JSON list)
     PUT  /_shiplane/ecs/service-deployments  one ServiceDeployment document as DescribeServiceDeployments returns it;
                                              SUCCESSFUL makes its target the service's stable revision,
                                              ROLLBACK_SUCCESSFUL puts the service back on the rollback's revision
   moto's reset (/moto-api/reset) clears them.

Usage: python3 scripts/lib/moto_server.py [moto_server's options]   (same options as moto_server)
"""
import functools
import sys

import moto
from moto_pin import refuse_unless_pinned  # next to this file

refuse_unless_pinned(moto.__version__)

try:
    import jsonpath_ng.ext

    jsonpath_ng.ext.parse = functools.lru_cache(maxsize=512)(jsonpath_ng.ext.parse)
except ImportError:  # a moto without its events extras: nothing to speed up
    pass


def _transaction_backups_of_touched_items_only():
    import copy as real_copy
    import threading
    from collections import defaultdict

    import moto.dynamodb.models as models
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    touched = threading.local()

    def backup(table, keys):
        clone = real_copy.copy(table)
        items = defaultdict(dict)  # as moto's Table keeps them
        for hash_value, entry in table.items.items():
            items[hash_value] = dict(entry) if table.has_range_key else entry
        for hash_value, range_value in keys:
            if table.has_range_key:
                if range_value in items.get(hash_value, {}):
                    items[hash_value][range_value] = real_copy.deepcopy(table.items[hash_value][range_value])
            elif hash_value in items:
                items[hash_value] = real_copy.deepcopy(table.items[hash_value])
        clone.items = items
        return clone

    class CopyForTransactions:
        """moto's models module sees this as `copy`: tables named by a running transaction get the cheap backup."""

        def deepcopy(self, value, memo=None):
            keys = getattr(touched, "keys", None)
            if keys is not None and isinstance(value, Table) and value.name in keys:
                return backup(value, keys[value.name])
            return real_copy.deepcopy(value, memo)

        def __getattr__(self, name):
            return getattr(real_copy, name)

    def keys_of(backend, transact_items):
        keys = {}
        for item in transact_items:
            _, op = next(iter(item.items()))
            table = backend.tables.get(op.get("TableName"))
            if table is None:
                continue
            attrs = op.get("Key") or op.get("Item") or {}
            hash_value = DynamoType(attrs[table.hash_key_attr])
            range_value = DynamoType(attrs[table.range_key_attr]) if table.has_range_key else None
            keys.setdefault(table.name, set()).add((hash_value, range_value))
        return keys

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        try:
            touched.keys = keys_of(self, transact_items)
        except Exception:  # a shape this does not know: moto's own full backup
            touched.keys = None
        try:
            return original(self, transact_items)
        finally:
            touched.keys = None

    models.copy = CopyForTransactions()
    models.DynamoDBBackend.transact_write_items = transact_write_items


_transaction_backups_of_touched_items_only()


def _retention_read_without_computing_every_queue_attribute():
    import moto.sqs.models as sqs
    from moto.core.utils import unix_time

    def is_message_valid_based_on_retention_period(self, queue_name, message):
        retention_period = int(self.get_queue(queue_name).message_retention_period)
        return retention_period + message.sent_timestamp / 1000 > unix_time()

    sqs.SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period


def _no_message_counts_while_sending():
    import threading

    import moto.sqs.models as sqs

    sending = threading.local()

    def uncounted_while_sending(count):
        return property(lambda queue: 0 if getattr(sending, "active", False) else count.fget(queue))

    for name in ("approximate_number_of_messages", "approximate_number_of_messages_delayed",
                 "approximate_number_of_messages_not_visible"):
        setattr(sqs.Queue, name, uncounted_while_sending(getattr(sqs.Queue, name)))

    original = sqs.SQSBackend.send_message

    def send_message(self, *args, **kwargs):
        sending.active = True
        try:
            return original(self, *args, **kwargs)
        finally:
            sending.active = False

    sqs.SQSBackend.send_message = send_message


def _moto_modules_listed_once():
    import moto.backends as backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


def _signatures_not_checked():
    from moto.iam.access_control import IAMRequestBase

    IAMRequestBase.check_signature = lambda self: None


_signatures_not_checked()
_retention_read_without_computing_every_queue_attribute()
_no_message_counts_while_sending()
_moto_modules_listed_once()

from ecs_service_deployments import install as _install_ecs_service_deployments  # noqa: E402 (next to this file)

_install_ecs_service_deployments()

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

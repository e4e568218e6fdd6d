"""ECS service deployments for moto 5.2.1 (item 5 of moto_server.py's list): records, the operations that read and act
on them, and the control endpoint through which the sandbox's ECS engine writes their progress. Emulator side only."""
import json
import secrets
import threading
from datetime import datetime, timezone

NATIVE_STRATEGIES = ("CANARY", "LINEAR", "BLUE_GREEN")
UNFINISHED = ("PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS")
CONTROL_PREFIX = "/_shiplane/ecs/"

_lock = threading.Lock()
_state = {"deployments": {}, "revisions": {}, "stable": {}, "requests": [], "revision_counter": 0}


def _now():
    return datetime.now(timezone.utc).isoformat()


def _clear():
    with _lock:
        _state.update(deployments={}, revisions={}, stable={}, requests=[], revision_counter=0)


def _error(code, message):
    from moto.ecs.exceptions import ECSException

    return ECSException(code, message)


def _revision(service, task_definition_arn, region, account):
    """A service revision: what ECS snapshots of a service for one deployment (here, its task definition)."""
    _state["revision_counter"] += 1
    arn = (f"arn:aws:ecs:{region}:{account}:service-revision/{service.cluster_name}/{service.name}/"
           f"{_state['revision_counter']:011d}")
    _state["revisions"][arn] = {"serviceRevisionArn": arn, "serviceArn": service.arn,
                                "clusterArn": service.cluster_arn, "taskDefinition": task_definition_arn,
                                "launchType": service.launch_type or "FARGATE", "createdAt": _now()}
    return arn


def _start_deployment(backend, service, previous_task_definition, region, account):
    with _lock:
        now = _now()
        for record in _state["deployments"].values():
            if record["serviceArn"] == service.arn and record["status"] in UNFINISHED:
                record.update(status="STOPPED", statusReason="Superseded by a newer service deployment.",
                              stoppedAt=now, updatedAt=now)
        stable = _state["stable"].get(service.arn)
        if stable is None:
            stable = _revision(service, backend.describe_task_definition(previous_task_definition).arn, region,
                               account)
            _state["stable"][service.arn] = stable
        target = _revision(service, backend.describe_task_definition(service.task_definition).arn, region, account)
        arn = (f"arn:aws:ecs:{region}:{account}:service-deployment/{service.cluster_name}/{service.name}/"
               f"{secrets.token_urlsafe(16)[:21]}")
        configuration = service.deployment_configuration
        alarms = configuration.get("alarms") or {}
        _state["deployments"][arn] = {
            "serviceDeploymentArn": arn, "serviceArn": service.arn, "clusterArn": service.cluster_arn,
            "createdAt": now, "updatedAt": now, "status": "PENDING",
            "sourceServiceRevisions": [{"arn": stable, "requestedTaskCount": service.desired_count,
                                        "runningTaskCount": service.desired_count, "pendingTaskCount": 0,
                                        "requestedTestTrafficWeight": 100.0,
                                        "requestedProductionTrafficWeight": 100.0}],
            "targetServiceRevision": {"arn": target, "requestedTaskCount": 0, "runningTaskCount": 0,
                                      "pendingTaskCount": 0, "requestedTestTrafficWeight": 0.0,
                                      "requestedProductionTrafficWeight": 0.0},
            "deploymentConfiguration": configuration,
            "lifecycleHookDetails": [],
            "alarms": {"status": "MONITORING" if alarms.get("enable") else "DISABLED",
                       "alarmNames": list(alarms.get("alarmNames") or [])},
        }
        service.current_service_deployment = arn


def _answers(EcsResponse):
    from moto.core.responses import ActionResult

    original_create, original_update = EcsResponse.create_service, EcsResponse.update_service

    def create_service(self):
        result = original_create(self)
        configuration = self._get_param("deploymentConfiguration")
        if configuration is not None:
            result.result["service"].deployment_configuration = configuration
        return result

    def update_service(self):
        cluster, name = self._get_param("cluster", "default"), self._get_param("service").split("/")[-1]
        previous = self.ecs_backend._get_service(cluster, name).task_definition
        result = original_update(self)
        service = result.result["service"]
        strategy = (getattr(service, "deployment_configuration", None) or {}).get("strategy")
        if strategy in NATIVE_STRATEGIES and (self._get_param("taskDefinition")
                                              or self._get_param("forceNewDeployment")):
            _start_deployment(self.ecs_backend, service, previous, self.region, self.current_account)
        return result

    def list_service_deployments(self):
        cluster = self._get_param("cluster", "default").split("/")[-1]
        service = self.ecs_backend._get_service(cluster, self._get_param("service").split("/")[-1])
        statuses = self._get_param("status") or []
        with _lock:
            records = [r for r in _state["deployments"].values() if r["serviceArn"] == service.arn
                       and (not statuses or r["status"] in statuses)]
        records.sort(key=lambda r: r["createdAt"], reverse=True)
        briefs = [{k: r[k] for k in ("serviceDeploymentArn", "serviceArn", "clusterArn", "startedAt", "createdAt",
                                     "finishedAt", "status", "statusReason") if k in r}
                  | {"targetServiceRevisionArn": r["targetServiceRevision"]["arn"]} for r in records]
        return ActionResult({"serviceDeployments": briefs})

    def describe_service_deployments(self):
        found, failures = [], []
        with _lock:
            for arn in self._get_param("serviceDeploymentArns") or []:
                if arn in _state["deployments"]:
                    found.append(json.loads(json.dumps(_state["deployments"][arn])))
                else:
                    failures.append({"arn": arn, "reason": "MISSING"})
        return ActionResult({"serviceDeployments": found, "failures": failures})

    def describe_service_revisions(self):
        found, failures = [], []
        with _lock:
            for arn in self._get_param("serviceRevisionArns") or []:
                if arn in _state["revisions"]:
                    found.append(dict(_state["revisions"][arn]))
                else:
                    failures.append({"arn": arn, "reason": "MISSING"})
        return ActionResult({"serviceRevisions": found, "failures": failures})

    def continue_service_deployment(self):
        arn, hook_id = self._get_param("serviceDeploymentArn"), self._get_param("hookId")
        action = self._get_param("action") or "CONTINUE"
        with _lock:
            record = _state["deployments"].get(arn)
            if record is None:
                raise _error("ServiceDeploymentNotFoundException", f"Service deployment {arn} not found.")
            hook = next((h for h in record["lifecycleHookDetails"] if h.get("hookId") == hook_id), None)
            if record["status"] != "IN_PROGRESS" or hook is None or hook.get("status") != "AWAITING_ACTION":
                raise _error("InvalidParameterException", f"Hook {hook_id} of {arn} is not awaiting action.")
            hook["status"] = "IN_PROGRESS"  # taken: a second action on the same pause is refused
            _state["requests"].append({"operation": "ContinueServiceDeployment", "serviceDeploymentArn": arn,
                                       "hookId": hook_id, "action": action, "at": _now()})
        return ActionResult({"serviceDeploymentArn": arn})

    def stop_service_deployment(self):
        arn, stop_type = self._get_param("serviceDeploymentArn"), self._get_param("stopType") or "ROLLBACK"
        with _lock:
            record = _state["deployments"].get(arn)
            if record is None:
                raise _error("ServiceDeploymentNotFoundException", f"Service deployment {arn} not found.")
            if record["status"] not in ("PENDING", "IN_PROGRESS"):
                raise _error("ConflictException", f"Service deployment {arn} is {record['status']}.")
            record["status"] = "ROLLBACK_REQUESTED" if stop_type == "ROLLBACK" else "STOP_REQUESTED"
            record["updatedAt"] = _now()
            _state["requests"].append({"operation": "StopServiceDeployment", "serviceDeploymentArn": arn,
                                       "stopType": stop_type, "at": _now()})
        return ActionResult({"serviceDeploymentArn": arn})

    for method in (create_service, update_service, list_service_deployments, describe_service_deployments,
                   describe_service_revisions, continue_service_deployment, stop_service_deployment):
        setattr(EcsResponse, method.__name__, method)


def _write(document):
    """The sandbox's engine reports a deployment's progress; the service follows where ECS would move it."""
    from moto.ecs import ecs_backends

    record = document["serviceDeployment"]
    with _lock:
        arn = record["serviceDeploymentArn"]
        if arn not in _state["deployments"]:
            return 404, {"message": f"no service deployment {arn}"}
        _state["deployments"][arn] = record
        if record["status"] == "SUCCESSFUL":
            _state["stable"][record["serviceArn"]] = record["targetServiceRevision"]["arn"]
        elif record["status"] == "ROLLBACK_SUCCESSFUL":
            revision = _state["revisions"][record["rollback"]["serviceRevisionArn"]]
            _, region, account = arn.split(":")[2:5]
            cluster, service = record["serviceArn"].split("/")[-2:]
            ecs_backends[account][region]._get_service(cluster, service).task_definition = revision["taskDefinition"]
    return 200, {"serviceDeploymentArn": arn}


def _control(environ, start_response):
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD")
    if path == CONTROL_PREFIX + "requests" and method == "GET":
        with _lock:
            status, body = 200, list(_state["requests"])
            _state["requests"].clear()
    elif path == CONTROL_PREFIX + "service-deployments" and method == "GET":
        with _lock:
            status, body = 200, list(_state["deployments"].values())
    elif path == CONTROL_PREFIX + "service-deployments" and method == "PUT":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        status, body = _write(json.loads(environ["wsgi.input"].read(length)))
    else:
        status, body = 404, {"message": f"no control operation {method} {path}"}
    start_response(f"{status} {'OK' if status == 200 else 'Not Found'}", [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def install():
    import moto.moto_api._internal.models as moto_api
    from moto.ecs.responses import EC2ContainerServiceResponse
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    _answers(EC2ContainerServiceResponse)

    original_reset = moto_api.MotoAPIBackend.reset

    def reset(self):
        _clear()
        return original_reset(self)

    moto_api.MotoAPIBackend.reset = reset

    original_call = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith(CONTROL_PREFIX):
            return _control(environ, start_response)
        return original_call(self, environ, start_response)

    DomainDispatcherApplication.__call__ = call

package main

import (
	"io"
	"log"
	"net/http"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

const maxSOAPBody = 64 << 20

// serveSDK handles one SOAP call: stats, injected faults and failures, vcsim, then the disk hooks.
func (p *proxy) serveSDK(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxSOAPBody))
	if err != nil {
		http.Error(w, "reading the request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	call, parseErr := parseSOAP(body)
	if parseErr != nil {
		copyRecorded(w, p.forward(r, body)) // vcsim answers with its own fault
		return
	}
	p.stats.countSOAP(call.method)
	if rule := p.faults.take(kindHTTPStatus, call); rule != nil {
		w.WriteHeader(rule.Status)
		return
	}
	if rule := p.faults.take(kindDelay, call); rule != nil && !sleepCtx(r, rule.Ms) {
		return
	}
	if f := p.failures.check(call.this); f != nil {
		if f.mode == "hang" {
			select {
			case <-f.restored:
			case <-r.Context().Done():
				return
			}
		} else {
			p.writeXML(w, http.StatusInternalServerError, soapFaultBody(&types.HostNotConnected{}, "Host is not responding"))
			return
		}
	}
	if rule := p.faults.take(kindSOAPFault, call); rule != nil {
		p.writeXML(w, http.StatusInternalServerError, soapFaultBody(rule.fault, rule.Message))
		return
	}
	if rule := p.faults.take(kindTaskFault, call); rule != nil {
		fault := rule.fault
		ref := runTask(call.this, call.method, func() (types.AnyType, types.BaseMethodFault) { return nil, fault })
		if t, ok := findTask(ref); ok && rule.Message != "" {
			update(t, types.PropertyChange{Name: "info.error", Val: types.LocalizedMethodFault{Fault: fault, LocalizedMessage: rule.Message}})
		}
		p.writeXML(w, http.StatusOK, taskResponseBody(call.method, ref))
		return
	}
	switch call.method {
	case "ConsolidateVMDisks_Task":
		p.consolidateVMDisks(w, r, call)
		return
	case "ContinueRetrievePropertiesEx", "CancelRetrievePropertiesEx":
		p.servePage(w, r, call)
		return
	}
	pre := p.beforeCall(call)
	rec := p.forward(r, body)
	if rec.Code == http.StatusOK {
		if size := requestedPageSize(body); call.method == "RetrievePropertiesEx" && size > 0 {
			paged := p.pager.page(rec.Body.Bytes(), size)
			rec.Body.Reset()
			rec.Body.Write(paged)
			rec.Header().Del("Content-Length")
		}
		p.afterCall(call, pre, rec.Body.Bytes())
		if rule := p.faults.take(kindSlowTask, call); rule != nil {
			if ref, ok := taskRefIn(rec.Body.Bytes()); ok {
				holdTaskRunning(ref, rule)
			}
		}
	}
	if c, err := r.Cookie("vmware_soap_session"); err == nil && p.faults.countCall(call, c.Value) {
		terminateSession(c.Value)
	}
	if rule := p.faults.take(kindDelayAnswer, call); rule != nil && !sleepCtx(r, rule.Ms) {
		return
	}
	copyRecorded(w, rec)
}

func sleepCtx(r *http.Request, ms int) bool {
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// preCall is what a hook must learn before vcsim changes the snapshot tree.
type preCall struct {
	vm        *simulator.VirtualMachine
	snapshots []types.ManagedObjectReference
}

func (p *proxy) beforeCall(call soapCall) preCall {
	var pre preCall
	switch call.method {
	case "RemoveSnapshot_Task", "RevertToSnapshot_Task":
		snap, ok := simulator.Map.Get(call.this).(*simulator.VirtualMachineSnapshot)
		if !ok {
			return pre
		}
		pre.vm, _ = simulator.Map.Get(snap.Vm).(*simulator.VirtualMachine)
		if pre.vm == nil {
			return pre
		}
		if call.method == "RevertToSnapshot_Task" {
			pre.snapshots = []types.ManagedObjectReference{call.this}
		} else {
			simulator.Map.WithLock(pre.vm, func() {
				pre.snapshots = snapshotSubtree(pre.vm, call.this, call.args["removeChildren"] == "true")
			})
		}
	case "RemoveAllSnapshots_Task", "RevertToCurrentSnapshot_Task":
		pre.vm, _ = simulator.Map.Get(call.this).(*simulator.VirtualMachine)
		if pre.vm == nil {
			return pre
		}
		simulator.Map.WithLock(pre.vm, func() {
			if pre.vm.Snapshot == nil {
				return
			}
			if call.method == "RevertToCurrentSnapshot_Task" {
				if cur := pre.vm.Snapshot.CurrentSnapshot; cur != nil {
					pre.snapshots = []types.ManagedObjectReference{*cur}
				}
				return
			}
			for _, root := range pre.vm.Snapshot.RootSnapshotList {
				pre.snapshots = append(pre.snapshots, snapshotSubtree(pre.vm, root.Snapshot, true)...)
			}
		})
	}
	return pre
}

// afterCall runs the disk hooks once vcsim answered 200; task-returning methods only when the task succeeded.
func (p *proxy) afterCall(call soapCall, pre preCall, answer []byte) {
	var task *simulator.Task
	if ref, ok := taskRefIn(answer); ok {
		t, found := findTask(ref)
		if !found || t.Info.State != types.TaskInfoStateSuccess {
			return
		}
		task = t
	}
	var err error
	switch call.method {
	case "CreateSnapshot_Task":
		vm, ok := simulator.Map.Get(call.this).(*simulator.VirtualMachine)
		snap, isRef := task.Info.Result.(types.ManagedObjectReference)
		if ok && isRef {
			err = p.sim.disks.snapshotCreated(vm, snap)
		}
	case "RemoveSnapshot_Task", "RemoveAllSnapshots_Task":
		if pre.vm != nil {
			err = p.sim.disks.snapshotsRemoved(pre.vm, pre.snapshots)
		}
	case "CreateVM_Task", "RegisterVM_Task":
		if ref, isRef := task.Info.Result.(types.ManagedObjectReference); isRef {
			if vm, ok := simulator.Map.Get(ref).(*simulator.VirtualMachine); ok {
				err = p.sim.disks.adoptVM(vm)
			}
		}
	case "RevertToSnapshot_Task", "RevertToCurrentSnapshot_Task":
		if pre.vm != nil && len(pre.snapshots) == 1 {
			err = p.sim.disks.reverted(pre.vm, pre.snapshots[0])
		}
	default:
		if vm, ok := simulator.Map.Get(call.this).(*simulator.VirtualMachine); ok && changesVM(call.method) {
			err = p.sim.disks.refresh(vm)
		}
	}
	if err != nil {
		log.Printf("%s on %s: disk update failed: %v", call.method, call.this.Value, err)
	}
}

// changesVM says whether a VM method may have made vcsim rebuild the VM's disks or layoutEx.
func changesVM(method string) bool {
	switch method {
	case "ReconfigVM_Task", "RefreshStorageInfo", "PowerOnVM_Task", "PowerOffVM_Task", "ResetVM_Task",
		"SuspendVM_Task", "RelocateVM_Task", "MarkAsVirtualMachine", "MarkAsTemplate":
		return true
	}
	return false
}

// consolidateVMDisks serves ConsolidateVMDisks_Task (vcsim lacks it): the chains are always consolidated already.
func (p *proxy) consolidateVMDisks(w http.ResponseWriter, r *http.Request, call soapCall) {
	if !p.sessionValid(r) {
		p.writeXML(w, http.StatusInternalServerError, soapFaultBody(&types.NotAuthenticated{
			NoPermission: types.NoPermission{Object: call.this, PrivilegeId: "System.View"}}, ""))
		return
	}
	vm, ok := simulator.Map.Get(call.this).(*simulator.VirtualMachine)
	if !ok {
		p.writeXML(w, http.StatusInternalServerError, soapFaultBody(&types.ManagedObjectNotFound{Obj: call.this},
			"managed object not found: "+call.this.String()))
		return
	}
	ref := runTask(call.this, call.method, func() (types.AnyType, types.BaseMethodFault) {
		update(vm, types.PropertyChange{Name: "runtime.consolidationNeeded", Val: false})
		if err := p.sim.disks.refresh(vm); err != nil {
			return nil, &types.GenericVmConfigFault{Reason: err.Error()}
		}
		return nil, nil
	})
	p.writeXML(w, http.StatusOK, taskResponseBody(call.method, ref))
}

// servePage answers ContinueRetrievePropertiesEx and CancelRetrievePropertiesEx from the pager.
func (p *proxy) servePage(w http.ResponseWriter, r *http.Request, call soapCall) {
	if !p.sessionValid(r) {
		p.writeXML(w, http.StatusInternalServerError, soapFaultBody(&types.NotAuthenticated{
			NoPermission: types.NoPermission{Object: call.this, PrivilegeId: "System.View"}}, ""))
		return
	}
	token := call.args["token"]
	if call.method == "CancelRetrievePropertiesEx" {
		if !p.pager.cancel(token) {
			p.writeXML(w, http.StatusInternalServerError, invalidToken())
			return
		}
		p.writeXML(w, http.StatusOK, []byte(soapEnvelopeStart+`<CancelRetrievePropertiesExResponse xmlns="urn:vim25"></CancelRetrievePropertiesExResponse>`+soapEnvelopeEnd))
		return
	}
	answer, ok := p.pager.continueAnswer(token)
	if !ok {
		p.writeXML(w, http.StatusInternalServerError, invalidToken())
		return
	}
	p.writeXML(w, http.StatusOK, answer)
}

// holdTaskRunning makes a finished task read as running with progress for rule.Ms, then restores its outcome.
func holdTaskRunning(ref types.ManagedObjectReference, rule *faultRule) {
	t, ok := findTask(ref)
	if !ok {
		return
	}
	var final types.TaskInfo
	simulator.Map.WithLock(t, func() { final = t.Info })
	progress := rule.Progress
	update(t,
		types.PropertyChange{Name: "info.state", Val: types.TaskInfoStateRunning},
		types.PropertyChange{Name: "info.progress", Val: progress},
		types.PropertyChange{Name: "info.completeTime", Val: nil},
		types.PropertyChange{Name: "info.result", Val: nil},
		types.PropertyChange{Name: "info.error", Val: nil})
	go func() {
		time.Sleep(time.Duration(rule.Ms) * time.Millisecond)
		changes := []types.PropertyChange{
			{Name: "info.state", Val: final.State},
			{Name: "info.progress", Val: nil},
			{Name: "info.completeTime", Val: *final.CompleteTime},
		}
		if final.Result != nil {
			changes = append(changes, types.PropertyChange{Name: "info.result", Val: final.Result})
		}
		if final.Error != nil {
			changes = append(changes, types.PropertyChange{Name: "info.error", Val: *final.Error})
		}
		update(t, changes...)
	}()
}

// terminateSession ends a vcsim session as SessionManager.TerminateSession would for another admin session.
func terminateSession(key string) {
	ctx := &simulator.Context{Session: &simulator.Session{
		UserSession: types.UserSession{Key: "vcsim-launcher-control"},
		Registry:    simulator.NewRegistry(),
	}}
	sm := simulator.Map.SessionManager()
	res := sm.TerminateSession(ctx, &types.TerminateSession{This: sm.Self, SessionId: []string{key}})
	if f := res.Fault(); f != nil {
		log.Printf("terminating session %s: %s", key, f.String)
	}
}

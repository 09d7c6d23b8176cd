package main

import (
	"fmt"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// snapshotCreated freezes every disk's top layer for snapshot snap and puts a new empty COWD delta on top.
func (st *diskStore) snapshotCreated(vm *simulator.VirtualMachine, snap types.ManagedObjectReference) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	v := st.vmState(vm.Self.Value)
	if v == nil {
		return nil
	}
	if err := st.freeze(v, snap.Value); err != nil {
		return err
	}
	return st.apply(vm, v)
}

// freeze records the disks' top layers as frozen by snapshot snap and starts new empty deltas on them.
func (st *diskStore) freeze(v *vmDisks, snap string) error {
	frozen := map[int32]*layer{}
	for _, d := range v.disks {
		l, err := st.newDelta(d, d.top)
		if err != nil {
			return fmt.Errorf("disk %d: %w", d.key, err)
		}
		frozen[d.key] = d.top
		d.top = l
	}
	v.frozen[snap] = frozen
	return nil
}

// snapshotsRemoved consolidates after snapshots were removed, in the given order (deepest first).
// Removing snapshot S merges the single layer built on S's frozen layer F (the writes made after S) into F.
func (st *diskStore) snapshotsRemoved(vm *simulator.VirtualMachine, snaps []types.ManagedObjectReference) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	v := st.vmState(vm.Self.Value)
	if v == nil {
		return nil
	}
	names := make([]string, len(snaps))
	for i, s := range snaps {
		names[i] = s.Value
	}
	firstErr := st.removeSnapshots(v, names)
	if err := st.apply(vm, v); err != nil && firstErr == nil {
		firstErr = err
	}
	return firstErr
}

// removeSnapshots forgets the snapshots in order, consolidating each one's layers, then deletes unreachable files.
func (st *diskStore) removeSnapshots(v *vmDisks, snaps []string) error {
	var firstErr error
	for _, snap := range snaps {
		layers, ok := v.frozen[snap]
		if !ok {
			continue
		}
		delete(v.frozen, snap)
		for _, d := range v.disks {
			if f := layers[d.key]; f != nil {
				if err := st.consolidate(v, d, f); err != nil && firstErr == nil {
					firstErr = fmt.Errorf("disk %d: %w", d.key, err)
				}
			}
		}
		v.collectGarbage() // layers only the removed snapshot kept must not count as children of the next one
	}
	return firstErr
}

// consolidate merges the only child C of frozen layer f into f, when no snapshot still needs f as it is.
func (st *diskStore) consolidate(v *vmDisks, d *vmDisk, f *layer) error {
	for _, byKey := range v.frozen {
		if byKey[d.key] == f {
			return nil // another snapshot still owns f's content
		}
	}
	kids := d.children(f)
	if len(kids) != 1 {
		return nil // branched after a revert: keep the layers while referenced
	}
	c := kids[0]
	if err := mergeInto(c, f); err != nil {
		return err
	}
	f.desc.cid = newCID(st.rng)
	if err := f.writeDescriptor(); err != nil {
		return err
	}
	for _, g := range d.children(c) {
		g.parent = f
		g.desc.parentCID = f.desc.cid
		g.desc.parentHint = f.descName
		if err := g.writeDescriptor(); err != nil {
			return err
		}
	}
	if d.top == c {
		d.top = f
	}
	for _, byKey := range v.frozen {
		if byKey[d.key] == c {
			byKey[d.key] = f
		}
	}
	c.parent = nil
	return nil
}

// reverted discards the current top layers and starts a new delta on the snapshot's frozen layers.
func (st *diskStore) reverted(vm *simulator.VirtualMachine, snap types.ManagedObjectReference) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	v := st.vmState(vm.Self.Value)
	if v == nil {
		return nil
	}
	if err := st.revert(v, snap.Value); err != nil {
		return err
	}
	return st.apply(vm, v)
}

// revert starts new empty deltas on the snapshot's frozen layers; the old tops go unless still referenced.
func (st *diskStore) revert(v *vmDisks, snap string) error {
	layers, ok := v.frozen[snap]
	if !ok {
		return fmt.Errorf("snapshot %s has no frozen disks", snap)
	}
	for _, d := range v.disks {
		f := layers[d.key]
		if f == nil {
			continue
		}
		l, err := st.newDelta(d, f)
		if err != nil {
			return err
		}
		d.top = l
	}
	v.collectGarbage()
	return nil
}

// refresh republishes the VM's disk state (after vcsim rebuilt layoutEx on its own).
func (st *diskStore) refresh(vm *simulator.VirtualMachine) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if v := st.vmState(vm.Self.Value); v != nil {
		return st.apply(vm, v)
	}
	return nil
}

// snapshotSubtree lists snap and (with children) its descendants, deepest first, from the VM's snapshot tree.
func snapshotSubtree(vm *simulator.VirtualMachine, snap types.ManagedObjectReference, children bool) []types.ManagedObjectReference {
	if vm.Snapshot == nil {
		return nil
	}
	var out []types.ManagedObjectReference
	var walk func(nodes []types.VirtualMachineSnapshotTree, inside bool)
	walk = func(nodes []types.VirtualMachineSnapshotTree, inside bool) {
		for _, n := range nodes {
			hit := n.Snapshot == snap
			if inside || hit && children {
				walk(n.ChildSnapshotList, true)
			} else {
				walk(n.ChildSnapshotList, false)
			}
			if inside || hit {
				out = append(out, n.Snapshot)
			}
		}
	}
	walk(vm.Snapshot.RootSnapshotList, false)
	return out
}

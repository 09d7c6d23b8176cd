package main

import (
	"context"
	"fmt"
	"path"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/types"
)

// addDisks gives every VM disks-1 more VirtualDisks next to vcsim's one (--disks-per-vm): disk2.vmdk, disk3.vmdk, …
// on the controller of the first disk with the next free unit numbers and device keys 2000+unit (ESXi's numbering
// on the first SCSI controller). They are added through vcsim's own ReconfigVM_Task, so the device list, the
// controller and summary.config.numVirtualDisks agree; the launcher then turns every disk into a real base disk.
func (s *sim) addDisks(disks int) error {
	if disks <= 1 {
		return nil
	}
	ctx := context.Background()
	client, err := govmomi.NewClient(ctx, s.server.URL, true)
	if err != nil {
		return fmt.Errorf("--disks-per-vm: connecting to the simulator: %w", err)
	}
	defer client.Logout(ctx)
	for _, vm := range s.virtualMachines() {
		devices := object.VirtualDeviceList(vm.Config.Hardware.Device)
		existing := devices.SelectByType((*types.VirtualDisk)(nil))
		if len(existing) == 0 {
			return fmt.Errorf("--disks-per-vm: VM %s has no disk to put others next to", vm.Name)
		}
		first := existing[0].(*types.VirtualDisk)
		controller, ok := devices.FindByKey(first.ControllerKey).(types.BaseVirtualController)
		if !ok {
			return fmt.Errorf("--disks-per-vm: VM %s: controller %d of the first disk not found", vm.Name, first.ControllerKey)
		}
		var firstFile object.DatastorePath
		if b, ok := first.Backing.(*types.VirtualDiskFlatVer2BackingInfo); !ok || !firstFile.FromString(b.FileName) {
			return fmt.Errorf("--disks-per-vm: VM %s: the first disk has no file backing", vm.Name)
		}
		spec := types.VirtualMachineConfigSpec{}
		for n := len(existing) + 1; n <= disks; n++ {
			name := fmt.Sprintf("[%s] %s", firstFile.Datastore, path.Join(path.Dir(firstFile.Path), fmt.Sprintf("disk%d.vmdk", n)))
			disk := devices.CreateDisk(controller, *first.Backing.(*types.VirtualDiskFlatVer2BackingInfo).Datastore, name)
			disk.Key = 2000 + *disk.UnitNumber
			disk.CapacityInKB = first.CapacityInKB
			devices = append(devices, disk)
			spec.DeviceChange = append(spec.DeviceChange, &types.VirtualDeviceConfigSpec{
				Operation:     types.VirtualDeviceConfigSpecOperationAdd,
				FileOperation: types.VirtualDeviceConfigSpecFileOperationCreate,
				Device:        disk,
			})
		}
		task, err := object.NewVirtualMachine(client.Client, vm.Self).Reconfigure(ctx, spec)
		if err != nil {
			return fmt.Errorf("--disks-per-vm: VM %s: %w", vm.Name, err)
		}
		if err := task.Wait(ctx); err != nil {
			return fmt.Errorf("--disks-per-vm: VM %s: adding disks: %w", vm.Name, err)
		}
	}
	return nil
}

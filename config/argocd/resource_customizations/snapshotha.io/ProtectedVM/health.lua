-- Argo CD health of a snapshotha.io ProtectedVM, from status.phase and the Ready condition.
-- Runs after ../../common.lua (hs, condition, messageOf, generationPending).
if obj.status == nil or obj.status.phase == nil then return hs end
local pending = generationPending()
if pending ~= nil then
  hs.message = pending
  return hs
end

local phase = obj.status.phase
local ready = condition("Ready")
if phase == "Paused" then
  hs.status = "Suspended"
  hs.message = "Protection paused (spec.paused)"
elseif phase == "Protected" then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Protected")
elseif phase == "Degraded" then
  hs.status = "Degraded"
  hs.message = messageOf(ready, "Cycles fail or the RPO target is missed")
elseif phase == "FailedOver" then
  hs.status = "Degraded"
  hs.message = "The VM runs from a recovered copy and is not protected; fail back or protect the recovered VM"
elseif phase == "Pending" and ready ~= nil and ready.status == "False"
    and (ready.reason == "PolicyNotFound" or ready.reason == "VmNotFound") then
  hs.status = "Degraded"
  hs.message = messageOf(ready, ready.reason)
elseif phase == "Pending" or phase == "Seeding" or phase == "FailingOver" then
  hs.message = messageOf(ready, phase)
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs

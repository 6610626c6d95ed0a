#!/usr/bin/env bash
# The engine benchmark is being rewritten. The home-made durable runtime it measured was removed when BrandFlow moved
# to the official Microsoft.DurableTask SDK (issue 10); the local engine is now functions/BrandFlow.Engine.Local (the
# InProcessTestHost gRPC sidecar over DurableTask.AzureStorage). Until its own benchmark exists, the award workflow's
# benchmark (scripts/bench-awards.sh) measures the engine as the app uses it; engine figures measured by hand on
# Azurite are in /work/shared/facts.md ("Measured on Azurite here").
echo "[brandflow] scripts/bench-durable.sh: the engine benchmark is being rewritten for BrandFlow.Engine.Local; run scripts/bench-awards.sh meanwhile." >&2
exit 2

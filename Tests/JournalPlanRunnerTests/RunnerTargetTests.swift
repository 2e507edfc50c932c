// The runner tests live here; this file keeps the target non-empty until they land.
import JournalPlanRunner

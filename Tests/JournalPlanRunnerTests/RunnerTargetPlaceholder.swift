// Keeps the JournalPlanRunnerTests target buildable until the runner's own tests land here.
import JournalPlanRunner

import { Link } from "./Link";
import { useRoute } from "./router";
import { InstanceList } from "../dashboard/InstanceList";
import { InstancePage } from "../dashboard/InstancePage";
import { DefinitionList } from "../designer/DefinitionList";
import { DesignerPage } from "../designer/DesignerPage";

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <header className="topbar">
        <strong>LossSearch</strong>
        <Link to="/">Instances</Link>
        <Link to="/designer">Designer</Link>
      </header>
      <main>
        {route.page === "instances" && <InstanceList />}
        {route.page === "instance" && <InstancePage key={route.instanceId} instanceId={route.instanceId} />}
        {route.page === "definitions" && <DefinitionList />}
        {route.page === "designer" && <DesignerPage key={`${route.definitionId}@${route.version ?? "latest"}`} definitionId={route.definitionId} version={route.version} />}
      </main>
    </div>
  );
}

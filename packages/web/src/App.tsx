import { useToken } from './auth/session';
import { LoginPage } from './components/LoginPage';
import { Shell } from './components/Shell';

export function App() {
  return useToken() ? <Shell /> : <LoginPage />;
}

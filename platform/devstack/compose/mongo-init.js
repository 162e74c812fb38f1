// Runs once, on the first start of the compose stack's MongoDB: one user per service, who may read and
// write that service's own database and nothing else. Passwords come from the environment only.
for (const service of ['intake', 'case', 'referral', 'notification']) {
  const password = process.env[service.toUpperCase() + '_MONGO_PASSWORD'];
  if (!password) {
    throw new Error('set ' + service.toUpperCase() + '_MONGO_PASSWORD');
  }
  db.getSiblingDB(service).createUser({ user: service, pwd: password, roles: [{ role: 'readWrite', db: service }] });
}

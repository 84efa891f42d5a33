/** The wall screen (route /mur). */
export function WallScreen() {
  return <main className="wall" />;
}
